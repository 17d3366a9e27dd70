import { TestBed } from '@angular/core/testing';
import { toTextBlocks, UiFormattedText } from './formatted-text';

describe('UiFormattedText', () => {
  it('when text has "## " lines and blank lines, splits it into headings and paragraphs', () => {
    expect(toTextBlocks('## Objet\n\nLe service est gratuit.\nIl est public.\n\n\n## Données\r\n\r\nVos données restent en France.')).toEqual([
      { kind: 'heading', text: 'Objet' },
      { kind: 'paragraph', text: 'Le service est gratuit.\nIl est public.' },
      { kind: 'heading', text: 'Données' },
      { kind: 'paragraph', text: 'Vos données restent en France.' },
    ]);
  });

  it('when rendered, exposes headings at the requested level and never interprets markup', async () => {
    const fixture = TestBed.createComponent(UiFormattedText);
    fixture.componentRef.setInput('text', '## Article 1\n\n<b>gras</b>');
    fixture.componentRef.setInput('headingLevel', 3);
    await fixture.whenStable();

    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('h3')?.textContent).toBe('Article 1');
    expect(element.querySelector('h2')).toBeNull();
    expect(element.querySelector('b')).toBeNull();
    expect(element.textContent).toContain('<b>gras</b>');
  });
});
