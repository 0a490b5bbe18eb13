/**
 * Untrusted chat text as React text nodes. Only https URLs become links, opened outside the console
 * (desktop: the bridge's vetted openExternal; browser: a detached new tab).
 */
import { useMemo } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { desktopBridge } from '../lib/desktop-bridge';
import { splitLinks } from '../lib/links';
import { openExternal } from '../lib/open-external';

export function LinkifiedText({ text }: { text: string }) {
  const segments = useMemo(() => splitLinks(text), [text]);
  return (
    <>
      {segments.map((segment, i) =>
        segment.kind === 'text' ? (
          segment.text
        ) : (
          <ExternalLink key={i} url={segment.url}>
            {segment.text}
          </ExternalLink>
        ),
      )}
    </>
  );
}

export function ExternalLink({ url, children }: { url: string; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!desktopBridge()) return; // the browser follows target=_blank with noopener
    event.preventDefault();
    openExternal(url);
  };
  return (
    <a className="external-link" href={url} target="_blank" rel="noopener noreferrer" onClick={onClick}>
      {children}
    </a>
  );
}
