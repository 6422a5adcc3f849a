import { defined, AuthGate, Providers } from '@dangjian/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';

createRoot(defined(document.getElementById('root'))).render(
  <StrictMode>
    <Providers>
      <BrowserRouter basename="/training">
        <AuthGate title="培训班报名">
          <App />
        </AuthGate>
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
