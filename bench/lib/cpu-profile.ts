import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a sampled frame's code lives: a package, a workspace file, Node's own code, or V8 (GC, idle). */
function placeOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName ? `(${functionName.replace(/^\(|\)$/g, '')})` : '(native)';
  const inPackage = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inPackage) return inPackage[1] as string;
  if (url.startsWith('node:')) return url;
  const inRepo = url.match(/\/(apps|packages)\/(.+)$/);
  return inRepo ? `${inRepo[1]}/${inRepo[2]}` : url;
}

/** Self time by place (package or file), as shares of all samples, largest first. */
export function summarizeProfile(file: string, top = 15): Array<{ place: string; share: number; ms: number }> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    const place = placeOf(node.callFrame);
    selfUs.set(place, (selfUs.get(place) ?? 0) + delta);
    total += delta;
  });
  return [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([place, us]) => ({ place, share: us / total, ms: us / 1000 }));
}

// CPU.<date>.<time>.<pid>.<thread>.<sequence>.cpuprofile: thread 0 is the main thread (tsx's loader
// runs in a thread of its own and only matters at startup).
const MAIN_THREAD_PROFILE = /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/;

/** The main-thread CPU profiles Node wrote into `dir`, one per profiled process. */
export function profilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => MAIN_THREAD_PROFILE.test(name))
    .map((name) => join(dir, name));
}
