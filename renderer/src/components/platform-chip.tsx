import { PLATFORM_LABELS } from '@contract';
import type { PlatformKind } from '@contract';
import './platform-chip.css';

/** The platform as a small coloured chip; the colour only repeats what the label says. */
export function PlatformChip({ platform }: { platform: PlatformKind }) {
  return <span className={`platform-chip platform-chip--${platform}`}>{PLATFORM_LABELS[platform]}</span>;
}
