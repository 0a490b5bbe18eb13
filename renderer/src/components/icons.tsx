/** A handful of line icons as React elements (no icon font, no HTML strings). Decorative: aria-hidden. */
import type { ReactNode } from 'react';

function Icon({ children, size = 18 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const ClockIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </Icon>
);
export const UserIcon = () => (
  <Icon>
    <circle cx="12" cy="8.5" r="3.5" />
    <path d="M5 19.5c1.2-3.3 3.8-5 7-5s5.8 1.7 7 5" />
  </Icon>
);
export const PulseIcon = () => (
  <Icon>
    <path d="M3.5 12h4l2-5 4 10 2-5h5" />
  </Icon>
);
export const ArchiveIcon = () => (
  <Icon>
    <rect x="3.5" y="4.5" width="17" height="4" rx="1" />
    <path d="M5.5 8.5v10a1 1 0 0 0 1 1h11a1 1 0 0 0 1-1v-10M10 12.5h4" />
  </Icon>
);
export const ChartIcon = () => (
  <Icon>
    <path d="M4.5 19.5h15M7.5 16v-5M12 16V7M16.5 16v-8" />
  </Icon>
);
/** A trend line over a frame: the period reports. */
export const ReportIcon = () => (
  <Icon>
    <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
    <path d="m7 15 3.5-4 3 2.5L17 9" />
  </Icon>
);
export const GearIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="3" />
    <path d="M12 3.5v2.2M12 18.3v2.2M20.5 12h-2.2M5.7 12H3.5M18 6l-1.6 1.6M7.6 16.4 6 18M18 18l-1.6-1.6M7.6 7.6 6 6" />
  </Icon>
);
export const ArrowDownIcon = () => (
  <Icon size={14}>
    <path d="M12 5v14M6 13l6 6 6-6" />
  </Icon>
);
export const SendIcon = () => (
  <Icon size={16}>
    <path d="M4 12 20 4l-6 16-2.5-6.5z" />
  </Icon>
);
export const BotIcon = () => (
  <Icon size={14}>
    <rect x="5" y="8" width="14" height="11" rx="3" />
    <path d="M12 4.5V8M9.5 13h.01M14.5 13h.01" />
  </Icon>
);
export const StarIcon = () => (
  <Icon size={22}>
    <path d="m12 4 2.4 5 5.4.6-4 3.7 1.1 5.3L12 16l-4.9 2.6 1.1-5.3-4-3.7 5.4-.6z" />
  </Icon>
);
export const PaperclipIcon = () => (
  <Icon size={16}>
    <path d="m20 11.5-7.8 7.8a5 5 0 0 1-7-7l8.3-8.4a3.3 3.3 0 0 1 4.7 4.7l-8.3 8.3a1.7 1.7 0 0 1-2.4-2.4l7.6-7.6" />
  </Icon>
);
export const PinIcon = () => (
  <Icon size={16}>
    <path d="M12 21s-6.5-5.6-6.5-11a6.5 6.5 0 0 1 13 0c0 5.4-6.5 11-6.5 11z" />
    <circle cx="12" cy="10" r="2.3" />
  </Icon>
);

export const InfoIcon = () => (
  <Icon size={16}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 11v5.5M12 7.8v.1" />
  </Icon>
);
export const CheckIcon = () => (
  <Icon size={14}>
    <path d="m5 12.5 4.5 4.5L19 7.5" />
  </Icon>
);
export const MinusIcon = () => (
  <Icon size={14}>
    <path d="M6.5 12h11" />
  </Icon>
);
/** The bot, struck through: it stays silent while an agent holds the conversation. */
export const BotMutedIcon = () => (
  <Icon size={14}>
    <rect x="5" y="8" width="14" height="11" rx="3" />
    <path d="M12 4.5V8M9.5 13h.01M14.5 13h.01M3.5 3.5l17 17" />
  </Icon>
);
/** The bot with a play mark: it answers again. */
export const BotResumedIcon = () => (
  <Icon size={14}>
    <rect x="5" y="8" width="14" height="11" rx="3" />
    <path d="M12 4.5V8M10.5 11.2v4.6l3.8-2.3z" />
  </Icon>
);
/** A raised hand: someone asked for a person. */
export const HandIcon = () => (
  <Icon size={14}>
    <path d="M8 12.5V6.8a1.3 1.3 0 0 1 2.6 0V11M10.6 10.5V5.3a1.3 1.3 0 0 1 2.6 0v5.2M13.2 10.5V6.3a1.3 1.3 0 0 1 2.6 0v6.4M15.8 10.7V9a1.3 1.3 0 0 1 2.6 0v4.5a6.5 6.5 0 0 1-6.5 6.5h-.6a5.6 5.6 0 0 1-4.4-2.2L5 15.1a1.3 1.3 0 0 1 2-1.6l1 1.2" />
  </Icon>
);

/** Delivery marks: small and drawn in currentColor so the state's colour carries over. */
export const DeliveryIcon = ({
  state,
}: {
  state: 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';
}) => (
  <svg
    className="icon delivery-icon"
    width={16}
    height={12}
    viewBox="0 0 16 12"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.6}
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    {state === 'queued' || state === 'sending' ? (
      <>
        <circle cx="6" cy="6" r="4.3" />
        <path d="M6 3.8V6l1.5 1" />
      </>
    ) : state === 'failed' ? (
      <>
        <circle cx="6" cy="6" r="4.6" fill="currentColor" stroke="none" />
        <path d="M6 3.6v2.8M6 8.3v.1" stroke="#fff" />
      </>
    ) : state === 'sent' ? (
      <path d="m2.5 6.2 2.6 2.6 5.4-5.6" />
    ) : (
      <>
        <path d="m1 6.2 2.6 2.6 5.4-5.6" />
        <path d="m7.2 8.2.6.6 5.4-5.6" />
      </>
    )}
  </svg>
);

/** A speech bubble: a reply suggestion. */
export const ReplyChipIcon = () => (
  <Icon size={13}>
    <path d="M5 5h14v10H9l-4 4z" />
  </Icon>
);
/** A chain link: a suggestion that opens a web page. */
export const LinkIcon = () => (
  <Icon size={13}>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </Icon>
);
/** A handset: a suggestion that dials a number. */
export const PhoneIcon = () => (
  <Icon size={13}>
    <path d="M6.5 4h3l1.5 4-2 1.3a10 10 0 0 0 5.7 5.7L16 13l4 1.5v3a2 2 0 0 1-2.2 2A16 16 0 0 1 4.5 6.2 2 2 0 0 1 6.5 4z" />
  </Icon>
);
export const PlusIcon = () => (
  <Icon size={16}>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);
export const ChevronLeftIcon = () => (
  <Icon size={16}>
    <path d="m14.5 6-6 6 6 6" />
  </Icon>
);
export const ChevronRightIcon = () => (
  <Icon size={16}>
    <path d="m9.5 6 6 6-6 6" />
  </Icon>
);
/** A pointing tap: something the customer did rather than said. */
export const TapIcon = () => (
  <Icon size={14}>
    <path d="M9 11V5.5a1.5 1.5 0 0 1 3 0V10l4.3.8a2 2 0 0 1 1.6 2.3l-.8 4.4A3 3 0 0 1 14.2 20h-3a3 3 0 0 1-2.4-1.2L5.6 14.5a1.4 1.4 0 0 1 2.1-1.8z" />
  </Icon>
);
export const XIcon = () => (
  <Icon size={14}>
    <path d="m6 6 12 12M18 6 6 18" />
  </Icon>
);
