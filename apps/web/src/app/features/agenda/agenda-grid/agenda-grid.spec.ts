import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { RendezVousDto } from '@imilo/domain';
import { FakeOutbox } from '../../../core/offline/offline.testing';
import { signIn } from '../../dossiers/dossier/dossier.testing';
import { AgendaStore } from '../agenda.store';
import { provideAgendaTesting, unAgenda, unRendezVous } from '../agenda.testing';
import { AgendaGrid, type CardMove, type SlotChoice } from './agenda-grid';

/** Two rendez-vous a day from Monday 7 to Friday 11 December 2026, at 9 h 00 and 14 h 00 in Paris. */
const WEEK: RendezVousDto[] = ['07', '08', '09', '10', '11'].flatMap((day) =>
  ['08', '13'].map((hour) =>
    unRendezVous({ id: `rv-${day}-${hour}`, debut: `2026-12-${day}T${hour}:00:00.000Z`, fin: `2026-12-${day}T${hour}:30:00.000Z` }),
  ),
);

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

describe('AgendaGrid', () => {
  let fixture: ComponentFixture<AgendaGrid>;
  let store: AgendaStore;

  const open = async (view: 'jour' | 'semaine', aujourdhui: string, rendezVous: RendezVousDto[]) => {
    store.start(view, { kind: 'moi' });
    TestBed.inject(HttpTestingController)
      .expectOne((request) => request.url === '/api/v1/agenda')
      .flush(unAgenda({ rendezVous }));
    fixture = TestBed.createComponent(AgendaGrid);
    fixture.componentRef.setInput('days', store.days());
    fixture.componentRef.setInput('timeZone', 'Europe/Paris');
    fixture.componentRef.setInput('aujourdhui', aujourdhui);
    fixture.componentRef.setInput('draggable', true);
    fixture.componentRef.setInput('creatable', true);
    await fixture.whenStable();
  };
  const element = () => fixture.nativeElement as HTMLElement;
  const cards = (jour?: string) => element().querySelectorAll<HTMLElement>(`${jour === undefined ? '' : `[data-jour="${jour}"] `}.agenda-grid-card`);

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [...provideAgendaTesting({ outbox: new FakeOutbox() }), AgendaStore] });
    signIn(['conseiller']);
    store = TestBed.inject(AgendaStore);
  });

  it('when a week is shown, draws today’s cards first, then every card of the week within a few frames', async () => {
    await open('semaine', '2026-12-10', WEEK);

    expect(element().querySelectorAll('.agenda-grid-column').length).toBe(7);
    expect(cards('2026-12-10').length).toBe(2);
    expect(cards().length).toBeLessThan(WEEK.length);

    for (let frame = 0; frame < 20 && cards().length < WEEK.length; frame++) {
      await nextFrame();
    }
    await fixture.whenStable();
    expect(cards().length).toBe(WEEK.length);
    expect(cards('2026-12-07')[0]?.getAttribute('aria-label')).toMatch(/^9 h 00/);
  });

  it('when a card is tapped, opens it; when the empty grid is tapped, creates in the slot under the finger', async () => {
    await open('jour', '2026-12-07', [unRendezVous()]);
    const opened: string[] = [];
    const created: SlotChoice[] = [];
    fixture.componentInstance.openCard.subscribe((card) => opened.push(card.id));
    fixture.componentInstance.createAt.subscribe((slot) => created.push(slot));

    cards()[0]?.click();
    const column = element().querySelector<HTMLElement>('.agenda-grid-column')!;
    // 2 h 10 below 7 h (1.6 px a minute): the 9 h 00 slot.
    column.dispatchEvent(new MouseEvent('click', { bubbles: true, clientY: column.getBoundingClientRect().top + 130 * 1.6 }));

    expect(opened).toEqual([unRendezVous().id]);
    expect(created).toEqual([{ jour: '2026-12-07', minutes: 9 * 60 }]);
  });

  it('when a card is dragged an hour down, asks to move it to that hour, and puts it back meanwhile', async () => {
    await open('jour', '2026-12-07', [unRendezVous()]);
    const moves: CardMove[] = [];
    fixture.componentInstance.move.subscribe((move) => moves.push(move));
    const card = cards()[0]!;
    const { left, top } = card.getBoundingClientRect();
    const at = (y: number) => ({ bubbles: true, clientX: left + 10, clientY: top + 10 + y, buttons: 1, detail: 1 });

    card.dispatchEvent(new MouseEvent('mousedown', at(0)));
    for (const y of [10, 50, 96]) {
      document.dispatchEvent(new MouseEvent('mousemove', at(y)));
    }
    document.dispatchEvent(new MouseEvent('mouseup', at(96)));

    expect(moves.map(({ card: { id }, jour, minutes }) => ({ id, jour, minutes }))).toEqual([{ id: unRendezVous().id, jour: '2026-12-07', minutes: 15 * 60 }]);
    expect(card.style.transform).toBe('');
    // The click that ends the drag does not open the card.
    const opened: string[] = [];
    fixture.componentInstance.openCard.subscribe((moved) => opened.push(moved.id));
    card.click();
    expect(opened).toEqual([]);
  });
});
