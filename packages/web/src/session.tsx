import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, clearTokens, ok, publicApi, refreshSession, setSessionExpiredHandler, storedRefreshToken, storeTokens } from './api/client.js';
import type { User } from './api/shapes.js';

interface Session {
  /** undefined while the stored session is being restored. */
  user: User | null | undefined;
  /** True after a session ran out, until the person logs in again or dismisses the notice. */
  expired: boolean;
  dismissExpired: () => void;
  logIn: (email: string, password: string) => Promise<User>;
  logOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    setSessionExpiredHandler(() => {
      clearTokens();
      setUser(null);
      setExpired(true);
    });
    let cancelled = false;
    (async () => {
      if (!storedRefreshToken()) return setUser(null);
      if (!(await refreshSession())) {
        if (!cancelled) {
          setUser(null);
          setExpired(true);
        }
        return;
      }
      const me = await ok(api.GET('/api/me')).catch(() => null);
      if (!cancelled) setUser(me?.user ?? null);
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const logIn = useCallback(async (email: string, password: string) => {
    const result = await ok(publicApi.POST('/api/auth/login', { body: { email, password } }));
    storeTokens(result);
    setUser(result.user);
    setExpired(false);
    return result.user;
  }, []);

  const logOut = useCallback(async () => {
    const refreshToken = storedRefreshToken();
    if (refreshToken) await ok(api.POST('/api/auth/logout', { body: { refreshToken } })).catch(() => undefined);
    clearTokens();
    setUser(null);
  }, []);

  const value = useMemo<Session>(
    () => ({ user, expired, dismissExpired: () => setExpired(false), logIn, logOut }),
    [user, expired, logIn, logOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
