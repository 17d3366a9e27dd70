import { ChangeDetectionStrategy, Component, computed, input, numberAttribute } from '@angular/core';

/** One block of a plain-text document. */
export interface TextBlock {
  readonly kind: 'heading' | 'paragraph';
  readonly text: string;
}

const HEADING_MARK = '## ';

/** Splits plain text into blocks: blank lines separate blocks, a block starting with "## " is a heading. */
export const toTextBlocks = (text: string): TextBlock[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) =>
      block.startsWith(HEADING_MARK)
        ? { kind: 'heading', text: block.slice(HEADING_MARK.length).trim() }
        : { kind: 'paragraph', text: block },
    );

/**
 * Renders a plain-text document (e.g. the CGU) as headings and paragraphs, never as HTML,
 * so text typed by an administrator cannot inject markup.
 */
@Component({
  selector: 'ui-formatted-text',
  templateUrl: './formatted-text.html',
  styleUrl: './formatted-text.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'ui-formatted-text' },
})
export class UiFormattedText {
  /** The plain text to render. */
  readonly text = input.required<string>();
  /** Level of the headings (2, 3 or 4), so they follow the page's own outline. */
  readonly headingLevel = input(2, { transform: numberAttribute });

  protected readonly blocks = computed(() => toTextBlocks(this.text()));
}
