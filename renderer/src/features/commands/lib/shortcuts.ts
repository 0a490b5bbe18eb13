/** Every keyboard shortcut, in one list: the shortcut sheet shows it and the palette labels its commands. */
export interface Shortcut {
  keys: string[];
  label: string;
  group: 'Anywhere' | 'Conversation list' | 'Open conversation' | 'Reply box';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Ctrl', 'K'], label: 'Open the command palette (⌘K on a Mac)', group: 'Anywhere' },
  { keys: ['/'], label: 'Search transcripts in every workspace', group: 'Anywhere' },
  { keys: ['n'], label: 'Next waiting conversation (the longest wait)', group: 'Anywhere' },
  { keys: ['?'], label: 'Show these shortcuts', group: 'Anywhere' },
  { keys: ['j'], label: 'Next conversation', group: 'Conversation list' },
  { keys: ['k'], label: 'Previous conversation', group: 'Conversation list' },
  { keys: ['Enter'], label: 'Open the selected conversation', group: 'Conversation list' },
  { keys: ['t'], label: 'Take over', group: 'Open conversation' },
  { keys: ['r'], label: 'Focus the reply box', group: 'Open conversation' },
  { keys: ['h'], label: 'Hand back to the bot', group: 'Open conversation' },
  { keys: ['c'], label: 'Close (then choose a rating)', group: 'Open conversation' },
  { keys: ['i'], label: 'Show or hide the details', group: 'Open conversation' },
  { keys: ['Enter'], label: 'Send', group: 'Reply box' },
  { keys: ['Shift', 'Enter'], label: 'New line', group: 'Reply box' },
  { keys: ['/'], label: 'At the start: insert a canned response', group: 'Reply box' },
  { keys: ['Esc'], label: 'Leave the reply box (the draft stays)', group: 'Reply box' },
];
