import { createRouter, createWebHistory } from 'vue-router';

/**
 * Real paths (the API serves index.html for every path outside /api), so a TV's address is
 * short and the pairing fragment `#display=…` stays free for the token.
 */
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'home', component: () => import('./pages/WallboardPage.vue') },
    { path: '/w/:id', name: 'wallboard', component: () => import('./pages/WallboardPage.vue') },
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue') },
    { path: '/history', name: 'history', component: () => import('./pages/HistoryPage.vue') },
    {
      path: '/admin/wallboards',
      name: 'admin',
      component: () => import('./pages/WallboardAdminPage.vue'),
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});
