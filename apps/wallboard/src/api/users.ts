import type { NewUserInput, UserInfo, UserUpdate } from '@mieruka/contracts';
import { callApi } from './http';

/** `/api/v1/users`: the people who sign in, as an admin manages them. */
export function listUsers(): Promise<UserInfo[]> {
  return callApi<UserInfo[]>('/api/v1/users');
}

export function createUser(user: NewUserInput): Promise<UserInfo> {
  return callApi<UserInfo>('/api/v1/users', { method: 'POST', body: user });
}

export function updateUser(username: string, change: UserUpdate): Promise<UserInfo> {
  return callApi<UserInfo>(`/api/v1/users/${encodeURIComponent(username)}`, {
    method: 'PATCH',
    body: change,
  });
}
