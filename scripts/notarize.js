#!/usr/bin/env node
// electron-builder afterSign hook (electron-builder.yml): notarises the signed macOS app with
// Apple, but only when credentials are in the environment. Without them it says so and skips, so
// local unsigned builds still work. Credentials (never in files or the repo), either:
//   APPLE_API_KEY (path to the .p8 key), APPLE_API_KEY_ID, APPLE_API_ISSUER   (preferred), or
//   APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID.
'use strict';
const path = require('node:path');

function credentials(env) {
  if (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER) {
    return { appleApiKey: env.APPLE_API_KEY, appleApiKeyId: env.APPLE_API_KEY_ID, appleApiIssuer: env.APPLE_API_ISSUER };
  }
  if (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) {
    return { appleId: env.APPLE_ID, appleIdPassword: env.APPLE_APP_SPECIFIC_PASSWORD, teamId: env.APPLE_TEAM_ID };
  }
  return null;
}

/** @param {{ electronPlatformName: string, appOutDir: string, packager: { appInfo: { productFilename: string } } }} context */
async function afterSign(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const creds = credentials(process.env);
  if (!creds) {
    console.log('[notarize] skipped: no Apple credentials in the environment (see scripts/notarize.js). The DMG will not pass Gatekeeper on other Macs.');
    return;
  }
  const { notarize } = require('@electron/notarize');
  const appPath = path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  console.log(`[notarize] submitting ${appPath} to Apple (this takes a few minutes)...`);
  await notarize({ appPath, ...creds });
  console.log('[notarize] done: the app is notarised and stapled.');
}

module.exports = afterSign;
module.exports.default = afterSign;
module.exports.credentials = credentials;
