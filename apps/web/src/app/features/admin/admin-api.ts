import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AccessCodeIssuedDto,
  AdminMissionLocaleDto,
  AdminUserDto,
  CguDto,
  CreatedUserDto,
  CreateUserDto,
  PublishCguDto,
  UpdateUserDto,
} from '@imilo/domain';
import type { Observable } from 'rxjs';

/** The BFF's administration endpoints. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  users(): Observable<AdminUserDto[]> {
    return this.http.get<AdminUserDto[]>('/api/v1/admin/users');
  }

  /** The Missions Locales the administrator may create users in, with their sites. */
  missionsLocales(): Observable<AdminMissionLocaleDto[]> {
    return this.http.get<AdminMissionLocaleDto[]>('/api/v1/admin/missions-locales');
  }

  createUser(user: CreateUserDto): Observable<CreatedUserDto> {
    return this.http.post<CreatedUserDto>('/api/v1/admin/users', user);
  }

  updateUser(id: string, changes: UpdateUserDto): Observable<AdminUserDto> {
    return this.http.patch<AdminUserDto>(`/api/v1/admin/users/${encodeURIComponent(id)}`, changes);
  }

  issueAccessCode(id: string): Observable<AccessCodeIssuedDto> {
    return this.http.post<AccessCodeIssuedDto>(`/api/v1/admin/users/${encodeURIComponent(id)}/access-code`, null);
  }

  publishCgu(cgu: PublishCguDto): Observable<CguDto> {
    return this.http.post<CguDto>('/api/v1/admin/cgu', cgu);
  }
}
