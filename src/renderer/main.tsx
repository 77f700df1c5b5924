/** Renderer entry: translations, theme, the API client for this transport, then the app shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiProvider } from './api/api-context';
import { createApiClient, electronBridge, takeLaunchToken } from './api/create-api-client';
import { initI18n } from './i18n/i18n';
import { applyTheme, loadThemePreference } from './theme/theme';
import './styles/global.css';

initI18n();
applyTheme(loadThemePreference());
// Read before the router starts: the token arrives in the fragment the hash router also uses.
const missingToken = !electronBridge() && !takeLaunchToken();
const api = createApiClient();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={api}>
      <App missingToken={missingToken} />
    </ApiProvider>
  </StrictMode>,
);
