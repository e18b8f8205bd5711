/// <reference types="vite/client" />
import { createApp } from 'vue';
import App from './App.vue';
import { pairedDisplayToken } from './composables/displayToken';
import { i18n } from './i18n';
import { router } from './router';

// Before the router reads the address: a pairing link's `#display=<token>` is stored and
// removed from the address bar (it must not end up in a bookmark or a screenshot).
pairedDisplayToken();

// The lint's TypeScript program reads a .vue import as unknown; vue-tsc (npm run typecheck)
// checks the component itself.
// eslint-disable-next-line @typescript-eslint/no-unsafe-argument
createApp(App).use(i18n).use(router).mount('#app');
