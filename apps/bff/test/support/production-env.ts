import webpush from 'web-push';

/**
 * Every setting production requires (secrets, data key, SMTP, SMS provider, VAPID keys), for the specs of what the
 * configuration does with one of them; a spec overrides or removes the one it is about.
 */
export const productionEnv = (): Record<string, string> => {
  const vapid = webpush.generateVAPIDKeys();
  return {
    NODE_ENV: 'production',
    SESSION_SECRET: 's'.repeat(40),
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    SMTP_URL: 'smtp://relay:secret@smtp.ml.test:587',
    SMS_PROVIDER_URL: 'https://sms.provider.test/v1/',
    SMS_PROVIDER_TOKEN: 'provider-token',
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
  };
};
