// @vitest-environment happy-dom
import { LIMITS } from '@contract';
import type { CapabilityName, MessageContent } from '@contract';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from './composer';
import type { UploadFile } from '../lib/rich-draft';

afterEach(cleanup);

const ALL: CapabilityName[] = ['richContent', 'quickReplies', 'typing', 'attachments'];

function setup(supported: CapabilityName[] = ALL, initial = '') {
  const onSend = vi.fn<(content: MessageContent) => void>();
  const onUpload = vi.fn<(file: UploadFile) => void>();
  function Harness() {
    const [draft, setDraft] = useState(initial);
    return (
      <Composer
        customerName="Ada"
        supported={supported}
        draft={draft}
        onDraftChange={setDraft}
        onSend={onSend}
        onUpload={onUpload}
      />
    );
  }
  const user = userEvent.setup();
  render(<Harness />);
  return { user, onSend, onUpload };
}

async function add(user: ReturnType<typeof userEvent.setup>, item: string) {
  await user.click(screen.getByRole('button', { name: 'Add' }));
  await user.click(screen.getByRole('menuitem', { name: item }));
}

const send = () => screen.getByRole('button', { name: 'Send' });

describe('Composer', () => {
  it('keeps the Message textbox and Send button, and sends text', async () => {
    const { user, onSend } = setup([]);
    expect(screen.queryByRole('button', { name: 'Add' })).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello there{Enter}');
    expect(onSend).toHaveBeenCalledWith({ type: 'text', text: 'Hello there' });
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('');
  });

  it('offers only what the capabilities support', async () => {
    const { user } = setup(['quickReplies', 'typing']);
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Suggestions']);
    cleanup();
    const second = setup(['attachments']);
    await second.user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Upload a file']);
    cleanup();
    const third = setup(['richContent']);
    await third.user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual([
      'Card',
      'Carousel',
      'File by URL',
    ]);
  });

  it('disables Send with the reason when a suggestion text is 26 characters', async () => {
    const { user, onSend } = setup(ALL, 'Pick one');
    await add(user, 'Suggestions');
    const text = screen.getByRole('textbox', { name: 'Suggestion 1 text' });
    await user.type(text, 'a'.repeat(25));
    expect(screen.getByText('0 left')).toBeTruthy();
    expect((send() as HTMLButtonElement).disabled).toBe(false);
    await user.type(text, 'b');
    expect(screen.getByText('1 over')).toBeTruthy();
    expect((send() as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Suggestion 1 text is 1 character over 25')).toBeTruthy();
    await user.click(send());
    expect(onSend).not.toHaveBeenCalled();
  });

  it('flags a dial number that is not E.164', async () => {
    const { user } = setup(ALL, 'Call us');
    await add(user, 'Suggestions');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Suggestion 1 type' }), 'dial');
    await user.type(screen.getByRole('textbox', { name: 'Suggestion 1 text' }), 'Call');
    const number = screen.getByRole('textbox', { name: 'Suggestion 1 phone number' });
    await user.type(number, '0207 123 4567');
    expect(number.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Not E\.164/)).toBeTruthy();
    expect((send() as HTMLButtonElement).disabled).toBe(true);
    await user.clear(number);
    await user.type(number, '+442071234567');
    expect((send() as HTMLButtonElement).disabled).toBe(false);
  });

  it('builds a card, refuses a 5th button, and sends what the contract accepts', async () => {
    const { user, onSend } = setup(ALL, 'kept text');
    await add(user, 'Card');
    expect((send() as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Card: add a title')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Card title' }), 'Spring sale');
    expect(screen.getByText('189 left')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Card image URL' }), 'javascript:alert(1)');
    expect(screen.getByText('Card: the image must be an https URL')).toBeTruthy();
    await user.clear(screen.getByRole('textbox', { name: 'Card image URL' }));
    await user.type(screen.getByRole('textbox', { name: 'Card image URL' }), 'https://cdn.example.com/s.png');
    const addButton = screen.getByRole('button', { name: 'Add button to card' });
    for (let i = 1; i <= 4; i++) {
      await user.click(addButton);
      await user.type(screen.getByRole('textbox', { name: `Card button ${i} text` }), `B${i}`);
    }
    expect((addButton as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('A card has at most 4 buttons.')).toBeTruthy();
    await user.click(addButton);
    expect(screen.queryByRole('textbox', { name: 'Card button 5 text' })).toBeNull();
    expect((send() as HTMLButtonElement).disabled).toBe(false);
    await user.click(send());
    expect(onSend).toHaveBeenCalledWith({
      type: 'card',
      card: {
        title: 'Spring sale',
        mediaUrl: 'https://cdn.example.com/s.png',
        buttons: [1, 2, 3, 4].map((i) => ({ type: 'reply', text: `B${i}` })),
      },
    });
    // The text box keeps its text for the next message.
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('kept text');
  });

  it('builds a carousel of 2–10 cards and refuses an 11th', async () => {
    const { user, onSend } = setup();
    await add(user, 'Carousel');
    expect(screen.getAllByRole('textbox', { name: /^Card \d+ title$/ })).toHaveLength(2);
    expect((screen.getByRole('button', { name: 'Remove card 1' }) as HTMLButtonElement).disabled).toBe(true);
    const addCard = screen.getByRole('button', { name: 'Add card' });
    for (let i = 3; i <= 10; i++) await user.click(addCard);
    expect(screen.getAllByRole('textbox', { name: /^Card \d+ title$/ })).toHaveLength(10);
    expect((addCard as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('A carousel has at most 10 cards.')).toBeTruthy();
    await user.click(addCard);
    expect(screen.getAllByRole('textbox', { name: /^Card \d+ title$/ })).toHaveLength(10);
    for (let i = 10; i > 2; i--) await user.click(screen.getByRole('button', { name: `Remove card ${i}` }));
    await user.type(screen.getByRole('textbox', { name: 'Card 1 title' }), 'One');
    await user.type(screen.getByRole('textbox', { name: 'Card 2 title' }), 'Two');
    await user.click(send());
    expect(onSend).toHaveBeenCalledWith({ type: 'carousel', cards: [{ title: 'One' }, { title: 'Two' }] });
  });

  it('refuses an upload over the limit with a clear message', async () => {
    const { user, onUpload } = setup(['attachments']);
    const input = screen.getByLabelText('File to upload');
    const big = new File([new Uint8Array(LIMITS.uploadBytes + 1)], 'big.bin', {
      type: 'application/octet-stream',
    });
    await user.upload(input as HTMLInputElement, big);
    expect(screen.getByRole('alert').textContent).toBe('“big.bin” is 2.0 MB, over the 2 MB upload limit.');
    expect(screen.queryByRole('group', { name: 'File to upload' })).toBeNull();
    expect(onUpload).not.toHaveBeenCalled();
  });

  it('uploads a small file as base64', async () => {
    const { user, onUpload } = setup(['attachments']);
    const input = screen.getByLabelText('File to upload');
    await user.upload(input as HTMLInputElement, new File(['hello'], 'note.txt', { type: 'text/plain' }));
    const preview = await screen.findByRole('group', { name: 'File to upload' });
    expect(within(preview).getByText('note.txt')).toBeTruthy();
    await user.click(send());
    await waitFor(() =>
      expect(onUpload).toHaveBeenCalledWith({
        name: 'note.txt',
        mimeType: 'text/plain',
        size: 5,
        dataBase64: 'aGVsbG8=',
      }),
    );
  });

  it('sends text with suggestions', async () => {
    const { user, onSend } = setup(['quickReplies'], 'Anything else?');
    await add(user, 'Suggestions');
    await user.type(screen.getByRole('textbox', { name: 'Suggestion 1 text' }), 'No thanks');
    await user.click(screen.getByRole('button', { name: 'Add suggestion' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Suggestion 2 type' }), 'openUrl');
    await user.type(screen.getByRole('textbox', { name: 'Suggestion 2 text' }), 'Help');
    await user.type(screen.getByRole('textbox', { name: 'Suggestion 2 URL' }), 'http://help.example.com');
    expect((send() as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Suggestion 2: the link must be an https URL')).toBeTruthy();
    await user.clear(screen.getByRole('textbox', { name: 'Suggestion 2 URL' }));
    await user.type(screen.getByRole('textbox', { name: 'Suggestion 2 URL' }), 'https://help.example.com');
    await user.click(send());
    expect(onSend).toHaveBeenCalledWith({
      type: 'text',
      text: 'Anything else?',
      suggestions: [
        { type: 'reply', text: 'No thanks' },
        { type: 'openUrl', text: 'Help', url: 'https://help.example.com' },
      ],
    });
  });
});
