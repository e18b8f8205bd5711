/// <reference types="vite/client" />
import { createApp } from 'vue';
import { z } from 'zod';
import App from './App.vue';
import { pairedDisplayToken } from './composables/displayToken';
import { i18n } from './i18n';
import { router } from './router';

// zod (in the shared contracts) would probe once for `eval` to pick faster validators; the
// API's content security policy forbids eval, and the probe would be reported as a violation.
z.config({ jitless: true });

// Before the router reads the address: a pairing link's `#display=<token>` is stored and
// removed from the address bar (it must not end up in a bookmark or a screenshot).
pairedDisplayToken();

createApp(App).use(i18n).use(router).mount('#app');
