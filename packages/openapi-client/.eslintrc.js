module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // openapi-fetch names its request methods after HTTP verbs (client.GET).
    'new-cap': [
      'error',
      { capIsNewExceptions: ['GET', 'POST', 'PUT', 'DELETE'] },
    ],
  },
});
