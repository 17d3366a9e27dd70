import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AcceptCguDto, ActivateDto, ChangePasswordDto, CguDto, LoginDto, MeDto } from '@imilo/domain';
import type { Observable } from 'rxjs';

/** URL of the session endpoint, which answers 401 when nobody is signed in. */
export const ME_URL = '/api/v1/me';

/** The BFF's session, password and CGU endpoints. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  me(): Observable<MeDto> {
    return this.http.get<MeDto>(ME_URL);
  }

  signIn(credentials: LoginDto): Observable<MeDto> {
    return this.http.post<MeDto>('/api/v1/auth/login', credentials);
  }

  activate(activation: ActivateDto): Observable<MeDto> {
    return this.http.post<MeDto>('/api/v1/auth/activate', activation);
  }

  changePassword(change: ChangePasswordDto): Observable<MeDto> {
    return this.http.post<MeDto>('/api/v1/auth/password', change);
  }

  currentCgu(): Observable<CguDto> {
    return this.http.get<CguDto>('/api/v1/cgu/current');
  }

  acceptCgu(acceptance: AcceptCguDto): Observable<MeDto> {
    return this.http.post<MeDto>('/api/v1/cgu/accept', acceptance);
  }

  signOut(): Observable<void> {
    return this.http.post<void>('/api/v1/auth/logout', null);
  }

  signOutEverywhere(): Observable<void> {
    return this.http.post<void>('/api/v1/auth/logout-all', null);
  }
}
