import { CdkCopyToClipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { IssuedAccessCode } from '../../admin.feature';
import { UiIcon } from '@imilo/ui';

/** An access code just issued: shown once, with a copy button and a warning. */
@Component({
  selector: 'app-issued-code',
  imports: [UiIcon, CdkCopyToClipboard, DatePipe, MatButton],
  templateUrl: './issued-code.html',
  styleUrl: './issued-code.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IssuedCode {
  readonly issued = input.required<IssuedAccessCode>();
  /** Emitted when the administrator has passed the code on. */
  readonly dismissed = output();

  protected readonly copied = signal(false);
  // "lundi 7 décembre 2026 à 14 h 30", the hour kept on one line.
  protected readonly expiryFormat = "EEEE d MMMM y 'à' H'\u00a0h\u00a0'mm";

  protected confirmCopy(copied: boolean): void {
    this.copied.set(copied);
  }
}
