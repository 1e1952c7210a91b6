// Test helper: answer IPC from an in-memory FakeLibrary and record every call.
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
  });
  return {
    lib,
    calls,
    callsOf: (cmd: string) => calls.filter((c) => c.cmd === cmd),
    lastOf: (cmd: string): IpcCall | undefined => calls.filter((c) => c.cmd === cmd).slice(-1)[0],
  };
}
