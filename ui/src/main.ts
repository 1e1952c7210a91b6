import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { isTauri } from './lib/backend';
import { loadLang } from './lib/i18n';

async function start() {
  loadLang();
  // `npm run dev` in a plain browser: answer the IPC with an in-memory fake library.
  // Dead code in production builds.
  if (import.meta.env.DEV && !isTauri()) {
    const { installFakeBackend } = await import('./dev/fakeBackend');
    await installFakeBackend();
  }
  const target = document.getElementById('app');
  if (!target) throw new Error('#app missing');
  mount(App, { target });
}

void start();
