export function electronVersion(): string | null;
export function distPreflight(input: {
  binary: string | null;
  version: string | null;
  platform?: string;
  arch?: string;
}): string | null;
export function electronDistDir(binary: string, platform?: string): string;
