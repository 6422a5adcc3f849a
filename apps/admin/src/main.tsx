import { defined, AuthGate, Providers } from '@dangjian/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';

createRoot(defined(document.getElementById('root'))).render(
  <StrictMode>
    <Providers>
      <BrowserRouter basename="/admin">
        <AuthGate title="组织部管理台">
          <App />
        </AuthGate>
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
