/** The words of every page's footer: who runs the service, how to reach the office. */
export const site = {
  service: 'Second opinion service',
  help: 'Questions? Call',
};
