// @vitest-environment happy-dom
import type { MessageContent as Content } from '@contract';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageContent } from './message-content';

afterEach(cleanup);

const show = (content: Content) => render(<MessageContent content={content} />);

describe('MessageContent', () => {
  it('renders a card: title, description, image, buttons as chips', () => {
    show({
      type: 'card',
      card: {
        title: 'Blue sneakers',
        description: 'Size 42, in stock',
        mediaUrl: 'https://cdn.example.com/shoe.png',
        buttons: [
          { type: 'reply', text: 'Buy now' },
          { type: 'openUrl', text: 'Details', url: 'https://shop.example.com/shoe' },
          { type: 'dial', text: 'Call us', phoneNumber: '+14155550123' },
        ],
      },
    });
    const card = screen.getByRole('region', { name: 'Card: Blue sneakers' });
    expect(within(card).getByText('Blue sneakers')).toBeTruthy();
    expect(within(card).getByText('Size 42, in stock')).toBeTruthy();
    const img = within(card).getByRole('img', { name: 'Blue sneakers' });
    expect(img.getAttribute('src')).toBe('https://cdn.example.com/shoe.png');
    expect(img.getAttribute('loading')).toBe('lazy');
    const buttons = within(card).getByRole('list', { name: 'Card buttons' });
    const chips = within(buttons).getAllByRole('listitem');
    expect(chips.map((c) => c.textContent)).toEqual([
      'Reply: Buy now',
      'Link: Detailsshop.example.com',
      'Call: Call us+14155550123',
    ]);
    // Chips show what the customer saw; they are not actionable in the console.
    expect(within(card).queryByRole('button')).toBeNull();
  });

  it('renders hostile card content as text and never links javascript: URLs', () => {
    const { container } = show({
      type: 'card',
      card: {
        title: '<script>alert(1)</script>',
        description: 'see javascript:alert(1) and https://ok.example.com/x',
        mediaUrl: 'javascript:alert(1)',
        buttons: [{ type: 'openUrl', text: 'Click', url: 'javascript:alert(1)' }],
      },
    });
    expect(screen.getByText('<script>alert(1)</script>')).toBeTruthy();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('Image not shown (unsupported address)')).toBeTruthy();
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://ok.example.com/x']);
  });

  it('renders a carousel as a focusable, scrollable region of cards', () => {
    show({
      type: 'carousel',
      cards: [{ title: 'One' }, { title: 'Two' }, { title: 'Three' }],
      suggestions: [{ type: 'reply', text: 'None of these' }],
    });
    const region = screen.getByRole('region', { name: 'Carousel, 3 cards' });
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(
      within(region)
        .getAllByRole('region')
        .map((r) => r.getAttribute('aria-label')),
    ).toEqual(['Card: One', 'Card: Two', 'Card: Three']);
    expect(screen.getByRole('button', { name: 'Scroll cards right' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Scroll cards left' })).toBeTruthy();
    expect(screen.getByText(/3 cards · scroll/)).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: 'Suggested replies' })).getByText('None of these'),
    ).toBeTruthy();
  });

  it('shows an image file inline with the file name as alt text', () => {
    show({
      type: 'file',
      url: 'http://127.0.0.1:4010/files/receipt.png',
      name: 'receipt.png',
      mimeType: 'image/png',
    });
    const img = screen.getByRole('img', { name: 'receipt.png' });
    expect(img.getAttribute('src')).toBe('http://127.0.0.1:4010/files/receipt.png');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(screen.getByRole('link', { name: 'Open receipt.png' }).getAttribute('href')).toBe(
      'http://127.0.0.1:4010/files/receipt.png',
    );
  });

  it('shows other files as a download chip with name and type', () => {
    show({
      type: 'file',
      url: 'https://files.example.com/invoice.pdf',
      name: 'invoice.pdf',
      mimeType: 'application/pdf',
    });
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('invoice.pdf', { selector: '.msg-file__name' })).toBeTruthy();
    expect(screen.getByText('application/pdf')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open invoice.pdf' }).getAttribute('href')).toBe(
      'https://files.example.com/invoice.pdf',
    );
  });

  it('does not load or link a file from a non-https, non-loopback address', () => {
    show({ type: 'file', url: 'http://evil.example.com/x.png', name: 'x.png', mimeType: 'image/png' });
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('Link not opened (unsupported address)')).toBeTruthy();
  });

  it('shows a location as a label, coordinates and an "Open in map" link to OpenStreetMap', () => {
    const { container } = show({
      type: 'geolocation',
      latitude: 52.52,
      longitude: 13.405,
      label: 'Alexanderplatz',
    });
    expect(screen.getByText('Alexanderplatz')).toBeTruthy();
    expect(screen.getByText('52.52000, 13.40500')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Open in map' });
    expect(link.getAttribute('href')).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/\?mlat=52\.52&mlon=13\.405/,
    );
    expect(container.querySelector('img, iframe')).toBeNull();
  });

  it('shows quick-reply suggestions as chips with their kind', () => {
    show({
      type: 'text',
      text: 'How can I help?',
      suggestions: [
        { type: 'reply', text: 'Track order', context: 'track' },
        { type: 'openUrl', text: 'FAQ', url: 'https://help.example.com' },
        { type: 'dial', text: 'Call', phoneNumber: '+441234567890' },
      ],
    });
    const list = screen.getByRole('list', { name: 'Suggested replies' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Reply: Track order', 'Link: FAQhelp.example.com', 'Call: Call+441234567890']);
  });

  it('shows what the customer tapped (action messages)', () => {
    show({
      type: 'action',
      action: 'openUrl',
      text: 'Track order',
      url: 'https://track.example.com/123',
      context: 'order-123',
    });
    expect(screen.getByText(/Tapped “Track order” · openUrl/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'https://track.example.com/123' })).toBeTruthy();
    expect(screen.getByText(/context “order-123”/)).toBeTruthy();
    cleanup();
    show({ type: 'action', action: 'shareLocation', text: 'Home' });
    expect(screen.getByText('Shared their location · Home')).toBeTruthy();
    cleanup();
    show({ type: 'action', action: 'openUrl', text: 'x', url: 'javascript:alert(1)' });
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('javascript:alert(1)')).toBeTruthy();
  });

  it('notes the suggestion a text came from', () => {
    show({ type: 'text', text: 'Track order', context: 'track_order_42' });
    expect(screen.getByText('Track order')).toBeTruthy();
    expect(screen.getByText('via suggestion “track_order_42”')).toBeTruthy();
  });

  it('renders hostile text as text', () => {
    const { container } = show({ type: 'text', text: '<img src=x onerror=alert(1)> javascript:alert(1)' });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)> javascript:alert(1)')).toBeTruthy();
  });
});
