/**
 * The details beside the transcript: who the customer is, which platform and workspace carry the conversation
 * (and how healthy that connection is), what that platform can and cannot do (with the connector's reason),
 * the conversation's tags and rating, and the platform's own facts as labelled sections.
 *
 * Generic over every platform: nothing here knows one platform from another. All values are untrusted text;
 * only https URLs become links, through the shared safe link.
 */
import type { Conversation, DetailSection, Workspace } from '@contract';
import { PLATFORM_LABELS } from '@contract';
import type { KeyboardEvent, ReactNode } from 'react';
import { useId } from 'react';
import { CheckIcon, MinusIcon } from '../../../components/icons';
import { LinkifiedText } from '../../../components/linkified-text';
import { PlatformChip } from '../../../components/platform-chip';
import { WorkspaceHealth } from '../../../components/workspace-health';
import { cx } from '../../../lib/cx';
import { capabilityList } from '../../workspaces/lib/workspace-text';
import type { CapabilityCheck } from '../lib/capabilities';
import { ratingDestination } from '../lib/capabilities';
import type { DetailsLayout } from '../lib/details-layout';
import './details-panel.css';

export const DETAILS_PANEL_ID = 'conversation-details';

export function DetailsPanel({
  conversation: c,
  workspace,
  customerName,
  ratingCheck,
  layout,
  onDismiss,
}: {
  conversation: Conversation;
  workspace: Workspace | undefined;
  customerName: string;
  ratingCheck: CapabilityCheck;
  layout: DetailsLayout;
  onDismiss: () => void;
}) {
  const platform = PLATFORM_LABELS[c.platform];
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Only the drawer, which covers the transcript, is put away with Escape.
    if (event.key === 'Escape' && layout === 'drawer') {
      event.stopPropagation();
      onDismiss();
    }
  };

  return (
    <aside
      id={DETAILS_PANEL_ID}
      className={cx('details', `details--${layout}`)}
      aria-label="Conversation details"
      onKeyDown={onKeyDown}
    >
      <Section title="Customer">
        <Rows>
          <Row label="Name">{customerName}</Row>
          <Row label="ID">
            <span className="details__mono">{c.customer.id}</span>
          </Row>
          <Row label="Channel">{c.channel || 'Unknown channel'}</Row>
        </Rows>
      </Section>

      <Section title="Platform">
        <div className="details__platform">
          <PlatformChip platform={c.platform} />
          {workspace ? (
            <>
              <span className="details__workspace">{workspace.displayName}</span>
              <WorkspaceHealth health={workspace.health} showEvents />
            </>
          ) : (
            <span className="details__muted">Loading the workspace…</span>
          )}
        </div>
        {workspace?.health.lastError && (
          <p className="details__error">
            <LinkifiedText text={workspace.health.lastError} />
          </p>
        )}
      </Section>

      {(c.tags.length > 0 || c.rating !== null) && (
        <Section title="Conversation">
          <Rows>
            {c.tags.length > 0 && (
              <Row label="Tags">
                <ul className="details__tags" aria-label="Tags">
                  {c.tags.map((tag) => (
                    <li key={tag} className="details__tag">
                      {tag}
                    </li>
                  ))}
                </ul>
              </Row>
            )}
            {c.rating !== null && (
              <Row label="Rating">
                <span className="details__rating">
                  {c.rating} of 5
                  <span className="stars" aria-hidden="true">
                    {'★'.repeat(c.rating)}
                    <span className="stars__off">{'★'.repeat(5 - c.rating)}</span>
                  </span>
                </span>
                <span className="details__muted details__block">
                  {ratingDestination(c.platform, ratingCheck).after}
                </span>
              </Row>
            )}
          </Rows>
        </Section>
      )}

      <Section title="What this platform can do">
        {workspace ? (
          <CapabilityList workspace={workspace} platform={platform} />
        ) : (
          <p className="details__empty">Loading what {platform} can do…</p>
        )}
      </Section>

      {c.details.length === 0 ? (
        <Section title={`From ${platform}`}>
          <p className="details__empty">{platform} has sent no further details for this conversation.</p>
        </Section>
      ) : (
        c.details.map((section, i) => <PlatformSection key={i} section={section} />)
      )}
    </aside>
  );
}

function CapabilityList({ workspace, platform }: { workspace: Workspace; platform: string }) {
  const items = capabilityList(workspace.capabilities);
  return (
    <ul className="caps" aria-label={`What ${platform} can do`}>
      {items.map((item) => (
        <li
          key={item.name}
          className={cx('caps__item', item.supported ? 'caps__item--on' : 'caps__item--off')}
        >
          <span className="caps__mark">{item.supported ? <CheckIcon /> : <MinusIcon />}</span>
          <span className="caps__text">
            <span className="caps__label">
              {item.label}
              <span className="visually-hidden">{item.supported ? ': supported' : ': not supported.'}</span>
            </span>
            {item.reason && <span className="caps__reason">{item.reason}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function PlatformSection({ section }: { section: DetailSection }) {
  const title = section.title.trim() || 'Details';
  return (
    <Section title={title}>
      {section.items.length === 0 ? (
        <p className="details__empty">Nothing recorded yet.</p>
      ) : (
        <Rows>
          {section.items.map((item, i) => (
            <Row key={i} label={item.label.trim() || '—'}>
              {item.value.trim() ? (
                <LinkifiedText text={item.value} />
              ) : (
                <span className="details__muted">Empty</span>
              )}
            </Row>
          ))}
        </Rows>
      )}
    </Section>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="details__section" aria-labelledby={id}>
      <h3 id={id} className="details__title">
        {title}
      </h3>
      {children}
    </section>
  );
}

function Rows({ children }: { children: ReactNode }) {
  return <dl className="details__rows">{children}</dl>;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt className="details__label">{label}</dt>
      <dd className="details__value">{children}</dd>
    </div>
  );
}
