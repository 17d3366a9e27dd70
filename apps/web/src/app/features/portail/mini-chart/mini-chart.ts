import {
  afterNextRender,
  ApplicationRef,
  ChangeDetectionStrategy,
  Component,
  type ComponentRef,
  computed,
  createComponent,
  createEnvironmentInjector,
  DestroyRef,
  effect,
  type ElementRef,
  EnvironmentInjector,
  inject,
  Injectable,
  input,
  viewChild,
} from '@angular/core';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { ChartView, MINI_CHART_COULEURS, type MiniChartGroupe, type MiniChartKind, type MiniChartPoint } from './chart-view';

/**
 * The injector the charts are created in. ngx-charts binds `@angular/animations` triggers, which only an animation
 * renderer accepts; providing one for the whole app would put the animation engine in the initial bundle (at its
 * budget). A route's providers would not do either: Angular flushes an animation renderer (inserting and removing
 * nodes) only around the change detection of the root views it renders. So each chart is a root view of its own,
 * attached to the application, rendered through this injector's (no-op) animation renderer.
 */
@Injectable({ providedIn: 'root' })
export class ChartEnvironment {
  readonly injector = createEnvironmentInjector([provideNoopAnimations()], inject(EnvironmentInjector), 'ngx-charts');
}

const nombre = (valeur: number): string => valeur.toLocaleString('fr-FR');

/**
 * A small chart readable at 390 px: drawn with ngx-charts at the width of its container (and a fixed height), hidden
 * from screen readers, which read the same figures in a visually hidden table. A legend names the series of a grouped
 * chart.
 */
@Component({
  selector: 'app-mini-chart',
  template: `
    <div class="mini-chart-drawing" aria-hidden="true" [style.height.px]="hauteur()" #drawing></div>
    @if (kind() === 'groupes') {
      <ul class="mini-chart-legend" aria-hidden="true">
        @for (serie of series(); track serie.nom) {
          <li><span class="mini-chart-swatch" [style.background]="serie.couleur"></span>{{ serie.nom }}</li>
        }
      </ul>
    }
    <table class="cdk-visually-hidden">
      <caption>{{ libelle() }}</caption>
      @if (kind() === 'groupes') {
        <thead>
          <tr>
            <th scope="col">{{ entete() }}</th>
            @for (serie of series(); track serie.nom) {
              <th scope="col">{{ serie.nom }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (groupe of groupes(); track groupe.nom) {
            <tr>
              <th scope="row">{{ groupe.nom }}</th>
              @for (point of groupe.valeurs; track point.nom) {
                <td>{{ nombre(point.valeur) }}</td>
              }
            </tr>
          }
        </tbody>
      } @else {
        <thead>
          <tr><th scope="col">{{ entete() }}</th><th scope="col">Valeur</th></tr>
        </thead>
        <tbody>
          @for (point of serie(); track point.nom) {
            <tr><th scope="row">{{ point.nom }}</th><td>{{ nombre(point.valeur) }}</td></tr>
          }
        </tbody>
      }
    </table>
  `,
  styleUrl: './mini-chart.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'mini-chart' },
})
export class MiniChart {
  readonly kind = input<MiniChartKind>('barres');
  readonly serie = input<readonly MiniChartPoint[]>([]);
  readonly groupes = input<readonly MiniChartGroupe[]>([]);
  /** What the chart shows, the caption of its table ("Jeunes accompagnés par semaine"). */
  readonly libelle = input.required<string>();
  /** The heading of the first column ("Semaine", "Jour", "Thème"). */
  readonly entete = input('Période');
  readonly hauteur = input(160);

  private readonly drawing = viewChild.required<ElementRef<HTMLElement>>('drawing');
  private readonly appRef = inject(ApplicationRef);
  private readonly environment = inject(ChartEnvironment);
  private chart: ComponentRef<ChartView> | null = null;
  private largeur = 0;

  protected readonly nombre = nombre;
  protected readonly series = computed(() =>
    (this.groupes()[0]?.valeurs ?? []).map(({ nom }, index) => ({ nom, couleur: MINI_CHART_COULEURS[index % MINI_CHART_COULEURS.length] })),
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const host = this.drawing().nativeElement;
      this.largeur = host.clientWidth;
      this.chart = createComponent(ChartView, { environmentInjector: this.environment.injector, hostElement: host.appendChild(document.createElement('div')) });
      this.appRef.attachView(this.chart.hostView);
      this.update();
      // Follows the card's width: a phone turned, a widget resized to two columns.
      const observer = new ResizeObserver(([entry]) => {
        const largeur = Math.floor(entry?.contentRect.width ?? 0);
        if (largeur > 0 && largeur !== this.largeur) {
          this.largeur = largeur;
          this.update();
        }
      });
      observer.observe(host);
      destroyRef.onDestroy(() => observer.disconnect());
    });
    destroyRef.onDestroy(() => {
      if (this.chart !== null) {
        this.appRef.detachView(this.chart.hostView);
        this.chart.destroy();
      }
    });
    effect(() => {
      // Read here so that the effect runs again when they change.
      this.kind();
      this.serie();
      this.groupes();
      this.hauteur();
      this.update();
    });
  }

  private update(): void {
    if (this.chart === null) {
      return;
    }
    this.chart.setInput('kind', this.kind());
    this.chart.setInput('serie', this.serie());
    this.chart.setInput('groupesSerie', this.groupes());
    this.chart.setInput('libelle', this.libelle());
    this.chart.setInput('view', [Math.max(this.largeur, 200), this.hauteur()]);
  }
}
