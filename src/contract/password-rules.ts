/** The light half of the password rule (no estimator): safe to use in the first download. */
export const minPasswordLength = 12;
export const maxPasswordLength = 200;

export const passwordRules = `At least ${minPasswordLength} characters and hard to guess. Several unusual words work well; spaces are allowed.`;
