// Test helper: answer IPC from an in-memory FakeLibrary and record every call. Events
// (listen/emit) are mocked too; the library's import events reach the UI.
import { emit } from '@tauri-apps/api/event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { FakeLibrary } from '../dev/fakeBackend';

export interface IpcCall {
  cmd: string;
  args: Record<string, unknown>;
}

export function installIpc(lib = new FakeLibrary(false), overrides: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const calls: IpcCall[] = [];
  mockIPC((cmd, payload) => {
    const args = JSON.parse(JSON.stringify(payload ?? {})) as Record<string, unknown>;
    calls.push({ cmd, args });
    const o = overrides[cmd];
    return o ? o(args) : lib.handle(cmd, args);
  }, { shouldMockEvents: true });
  // Backend events (import progress) go through the mocked event bus.
  lib.emit = (event, payload) => void emit(event, payload);
  return {
    lib,
    calls,
    callsOf: (cmd: string) => calls.filter((c) => c.cmd === cmd),
    lastOf: (cmd: string): IpcCall | undefined => calls.filter((c) => c.cmd === cmd).slice(-1)[0],
  };
}
