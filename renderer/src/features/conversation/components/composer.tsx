/**
 * The reply composer: the `Message` box, an "Add" menu that offers only what the workspace supports
 * (suggestions, card, carousel, file by URL, upload), the editors for what was added, and `Send`, disabled
 * with the reason while anything breaks a limit. It holds no connection: the reply box wires it to the core.
 */
import type { CannedResponse, CapabilityName, MessageContent } from '@contract';
import { CannedPicker } from '../../canned/components/canned-picker';
import { fillPlaceholders, matchCanned } from '../../canned/lib/canned-match';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ChangeEvent, KeyboardEvent, Ref } from 'react';
import { PlusIcon, SendIcon } from '../../../components/icons';
import {
  EMPTY_RICH_DRAFT,
  addOptions,
  emptyCard,
  emptySuggestion,
  planSend,
  readAsBase64,
  uploadProblem,
} from '../lib/rich-draft';
import type { AddOptions, Attachment, RichDraft, UploadFile } from '../lib/rich-draft';
import { CardEditor, CarouselEditor, FileUrlEditor, SuggestionsEditor, UploadPreview } from './rich-editors';

export interface ComposerProps {
  customerName: string;
  /** The conversation's workspace capabilities; empty while unknown (then only text is offered). */
  supported: readonly CapabilityName[];
  draft: string;
  onDraftChange: (text: string) => void;
  onSend: (content: MessageContent) => void;
  onUpload: (file: UploadFile) => void;
  /** The agent typed in the message box. */
  onTyping?: () => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
  /** Canned responses offered when the message starts with `/`; none offered when absent. */
  canned?: readonly CannedResponse[] | undefined;
  agentName?: string;
  /** The submit button's text and the box's placeholder (an internal note says so). */
  sendLabel?: string;
  placeholder?: string;
}

type MenuItem = { key: keyof AddOptions; label: string };
const MENU: MenuItem[] = [
  { key: 'suggestions', label: 'Suggestions' },
  { key: 'card', label: 'Card' },
  { key: 'carousel', label: 'Carousel' },
  { key: 'fileUrl', label: 'File by URL' },
  { key: 'upload', label: 'Upload a file' },
];

export function Composer({
  customerName,
  supported,
  draft,
  onDraftChange,
  onSend,
  onUpload,
  onTyping,
  textareaRef,
  canned,
  agentName = 'your agent',
  sendLabel = 'Send',
  placeholder,
}: ComposerProps) {
  const id = useId();
  const [pickerDismissed, setPickerDismissed] = useState(false);
  const [activeCanned, setActiveCanned] = useState(0);
  const slashQuery = canned && draft.startsWith('/') && !draft.includes('\n') ? draft.slice(1) : null;
  const pickerOpen = slashQuery !== null && !pickerDismissed;
  const cannedMatches = useMemo(
    () => (pickerOpen && canned ? matchCanned(canned, slashQuery ?? '').slice(0, 8) : []),
    [pickerOpen, canned, slashQuery],
  );
  const activeIndex = Math.min(activeCanned, Math.max(0, cannedMatches.length - 1));
  const pickerId = `${id}-canned`;
  const insertCanned = (response: CannedResponse) => {
    onDraftChange(fillPlaceholders(response.text, { customerName, agentName }));
    setActiveCanned(0);
  };
  const options = useMemo(() => addOptions(supported), [supported]);
  const [rich, setRich] = useState<RichDraft>(EMPTY_RICH_DRAFT);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // Capabilities can change under an open composer (a workspace update): drop what is no longer possible.
  const allowed: RichDraft = {
    suggestions: options.suggestions ? rich.suggestions : null,
    attachment: attachmentAllowed(rich.attachment, options) ? rich.attachment : null,
  };
  const plan = planSend(draft, allowed);
  const reason = plan.problems[0] ?? null;

  const setAttachment = (attachment: Attachment | null) => setRich((r) => ({ ...r, attachment }));

  const send = () => {
    const out = plan.outgoing;
    if (!out) return;
    if (out.kind === 'upload') onUpload(out.file);
    else onSend(out.content);
    if (!(out.kind === 'reply' && out.keepText)) onDraftChange('');
    setRich(EMPTY_RICH_DRAFT);
    setUploadError(null);
  };

  const choose = (key: keyof AddOptions) => {
    setUploadError(null);
    switch (key) {
      case 'suggestions':
        setRich((r) => ({ ...r, suggestions: r.suggestions?.length ? r.suggestions : [emptySuggestion()] }));
        break;
      case 'card':
        setAttachment({ kind: 'card', card: emptyCard() });
        break;
      case 'carousel':
        setAttachment({ kind: 'carousel', cards: [emptyCard(), emptyCard()] });
        break;
      case 'fileUrl':
        setAttachment({ kind: 'file', url: '', name: '', mimeType: '' });
        break;
      case 'upload':
        fileInput.current?.click();
        break;
    }
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const problem = uploadProblem(file.name, file.size);
    if (problem) {
      setUploadError(problem);
      return;
    }
    try {
      const dataBase64 = await readAsBase64(file);
      setUploadError(null);
      setAttachment({
        kind: 'upload',
        file: {
          name: file.name,
          mimeType: file.type || 'application/octet-stream',
          size: file.size,
          dataBase64,
        },
      });
    } catch {
      setUploadError(`Couldn't read “${file.name}”.`);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (pickerOpen && cannedMatches.length > 0 && !event.nativeEvent.isComposing) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActiveCanned((activeIndex + step + cannedMatches.length) % cannedMatches.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const chosen = cannedMatches[activeIndex];
        if (chosen) insertCanned(chosen);
        return;
      }
    }
    if (pickerOpen && event.key === 'Escape') {
      // The first Escape closes the picker; the text stays as typed.
      event.preventDefault();
      setPickerDismissed(true);
      return;
    }
    // isComposing: Enter that confirms an IME composition (Japanese, Chinese…) must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape') {
      // Leaves the box (the draft stays) so the single-key shortcuts work again.
      event.currentTarget.blur();
    }
  };

  const a = allowed.attachment;
  const hasSomething = !!plan.outgoing || !!a || !!allowed.suggestions?.length || !!draft.trim();
  const showReason = reason && hasSomething;

  return (
    <form
      className="reply-box"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Message
      </label>
      {pickerOpen && (
        <CannedPicker
          id={pickerId}
          matches={cannedMatches}
          active={activeIndex}
          onPick={insertCanned}
          empty={
            canned?.length === 0
              ? 'No canned responses yet: add them in Settings.'
              : cannedMatches.length === 0
                ? `No canned response matches “${slashQuery ?? ''}”.`
                : null
          }
        />
      )}
      <textarea
        ref={textareaRef}
        id={id}
        className="reply-box__input"
        value={draft}
        onChange={(event) => {
          onDraftChange(event.target.value);
          onTyping?.();
          if (!event.target.value.startsWith('/')) setPickerDismissed(false);
          setActiveCanned(0);
        }}
        onKeyDown={onKeyDown}
        placeholder={placeholder ?? `Reply to ${customerName}… (/ for canned responses)`}
        aria-controls={pickerOpen && cannedMatches.length > 0 ? pickerId : undefined}
        aria-activedescendant={
          pickerOpen && cannedMatches.length > 0 ? `${pickerId}-${activeIndex}` : undefined
        }
        rows={3}
        aria-describedby={`${id}-hint`}
      />

      {(allowed.suggestions || a) && (
        <div className="reply-box__rich">
          {a?.kind === 'card' && (
            <CardEditor
              label="Card"
              card={a.card}
              onChange={(card) => setAttachment({ kind: 'card', card })}
              onRemove={() => setAttachment(null)}
            />
          )}
          {a?.kind === 'carousel' && (
            <CarouselEditor
              cards={a.cards}
              onChange={(cards) => setAttachment({ kind: 'carousel', cards })}
              onRemove={() => setAttachment(null)}
            />
          )}
          {a?.kind === 'file' && (
            <FileUrlEditor
              url={a.url}
              name={a.name}
              mimeType={a.mimeType}
              onChange={(next) => setAttachment({ kind: 'file', ...next })}
              onRemove={() => setAttachment(null)}
            />
          )}
          {a?.kind === 'upload' && <UploadPreview file={a.file} onRemove={() => setAttachment(null)} />}
          {allowed.suggestions && (
            <SuggestionsEditor
              items={allowed.suggestions}
              onChange={(suggestions) => setRich((r) => ({ ...r, suggestions }))}
              onClose={() => setRich((r) => ({ ...r, suggestions: null }))}
            />
          )}
          {a && a.kind !== 'upload' && draft.trim() && (
            <p className="rich-note">Send sends the {ATTACHMENT_NAME[a.kind]}; your text stays in the box.</p>
          )}
        </div>
      )}

      {options.upload && (
        <input
          ref={fileInput}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="File to upload"
          onChange={(event) => void onFile(event)}
        />
      )}
      {uploadError && (
        <p className="reply-box__error reply-box__alert" role="alert">
          {uploadError}
        </p>
      )}

      <div className="reply-box__bar">
        <div className="reply-box__tools">
          <AddMenu options={options} onChoose={choose} />
          <span id={`${id}-hint`} className="reply-box__hint">
            {showReason ? (
              <span className="reply-box__error">{reason}</span>
            ) : (
              <>
                <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
              </>
            )}
          </span>
        </div>
        <button
          type="submit"
          className="button button--primary"
          disabled={!plan.outgoing}
          aria-describedby={`${id}-hint`}
          title={showReason ? reason : undefined}
        >
          <SendIcon />
          {sendLabel}
        </button>
      </div>
    </form>
  );
}

const ATTACHMENT_NAME: Record<Attachment['kind'], string> = {
  card: 'card',
  carousel: 'carousel',
  file: 'file',
  upload: 'upload',
};

function attachmentAllowed(a: Attachment | null, options: AddOptions): boolean {
  if (!a) return true;
  if (a.kind === 'upload') return options.upload;
  if (a.kind === 'file') return options.fileUrl;
  return options[a.kind];
}

/** A compact menu button; arrow keys move, Escape closes and returns to the button. */
function AddMenu({ options, onChoose }: { options: AddOptions; onChoose: (key: keyof AddOptions) => void }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const items = MENU.filter((item) => options[item.key]);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  if (items.length === 0) return null;

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const nodes = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = nodes.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      nodes[(index + step + nodes.length) % nodes.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      nodes[event.key === 'Home' ? 0 : nodes.length - 1]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="add-menu">
      <button
        ref={buttonRef}
        type="button"
        className="button button--ghost add-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title="Add suggestions, a card, a file…"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <PlusIcon />
        Add
      </button>
      {open && (
        <ul
          ref={menuRef}
          id={menuId}
          className="add-menu__list"
          role="menu"
          aria-label="Add to the reply"
          onKeyDown={onMenuKey}
        >
          {items.map((item) => (
            <li key={item.key} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="add-menu__item"
                onClick={() => {
                  setOpen(false);
                  onChoose(item.key);
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
