import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { BarChartModule, type Color, LineChartModule, ScaleType } from '@swimlane/ngx-charts';

/** How a mini chart draws its data. */
export type MiniChartKind = 'barres' | 'barres-horizontales' | 'ligne' | 'groupes';

/** One value of a series. */
export interface MiniChartPoint {
  readonly nom: string;
  readonly valeur: number;
}

/** One group of values (a day of « Mon activité »: one value per series). */
export interface MiniChartGroupe {
  readonly nom: string;
  readonly valeurs: readonly MiniChartPoint[];
}

/** The theme's azure primary, its orange tertiary and a neutral (SVG fills cannot read the theme's CSS variables). */
export const MINI_CHART_COULEURS = ['#005cbb', '#b45309', '#5e5e62'] as const;

const SCHEME: Color = { name: 'imilo', selectable: false, group: ScaleType.Ordinal, domain: [...MINI_CHART_COULEURS] };

/**
 * The ngx-charts part of a mini chart, created by `MiniChart` in a root view of its own: its animation triggers need
 * an animation renderer, which only the portail's chunk provides (see MiniChart).
 */
@Component({
  selector: 'app-chart-view',
  imports: [BarChartModule, LineChartModule],
  template: `
    @switch (kind()) {
      @case ('barres') {
        <ngx-charts-bar-vertical
          [view]="view()"
          [results]="points()"
          [scheme]="scheme"
          [xAxis]="true"
          [yAxis]="true"
          [showGridLines]="true"
          [roundDomains]="true"
          [animations]="false"
          [tooltipDisabled]="true"
          [barPadding]="6"
          [xAxisTickFormatting]="tick"
          [maxXAxisTickLength]="12"
        />
      }
      @case ('barres-horizontales') {
        <ngx-charts-bar-horizontal
          [view]="view()"
          [results]="points()"
          [scheme]="scheme"
          [xAxis]="true"
          [yAxis]="true"
          [showGridLines]="true"
          [roundDomains]="true"
          [animations]="false"
          [tooltipDisabled]="true"
          [maxYAxisTickLength]="14"
        />
      }
      @case ('ligne') {
        <ngx-charts-line-chart
          [view]="view()"
          [results]="ligne()"
          [scheme]="scheme"
          [xAxis]="true"
          [yAxis]="true"
          [showGridLines]="true"
          [roundDomains]="true"
          [animations]="false"
          [tooltipDisabled]="true"
          [xAxisTickFormatting]="tick"
          [maxXAxisTickLength]="12"
        />
      }
      @case ('groupes') {
        <ngx-charts-bar-vertical-2d
          [view]="view()"
          [results]="groupes()"
          [scheme]="scheme"
          [xAxis]="true"
          [yAxis]="true"
          [showGridLines]="true"
          [roundDomains]="true"
          [animations]="false"
          [tooltipDisabled]="true"
          [groupPadding]="4"
          [barPadding]="1"
          [maxXAxisTickLength]="8"
        />
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChartView {
  readonly kind = input.required<MiniChartKind>();
  readonly serie = input<readonly MiniChartPoint[]>([]);
  readonly groupesSerie = input<readonly MiniChartGroupe[]>([]);
  readonly libelle = input('');
  readonly view = input.required<[number, number]>();

  protected readonly scheme = SCHEME;
  /** "2 nov." for "sem. du 2 nov.": short enough not to be turned at 390 px (the table keeps the full name). */
  protected readonly tick = (nom: string): string => nom.replace(/^sem\. du /, '');
  protected readonly points = computed(() => this.serie().map(({ nom, valeur }) => ({ name: nom, value: valeur })));
  protected readonly ligne = computed(() => [{ name: this.libelle(), series: this.points() }]);
  protected readonly groupes = computed(() =>
    this.groupesSerie().map(({ nom, valeurs }) => ({ name: nom, series: valeurs.map(({ nom: name, valeur: value }) => ({ name, value })) })),
  );
}
