export { TicketboothStack, type TicketboothStackProps } from './ticketbooth-stack.js';
export { acknowledgeNagFindings } from './nag-acknowledgements.js';
export { TicketboothEdgeWafStack, ACCOUNT_CREATION_PATHS, type EdgeWafStackProps } from './edge-waf-stack.js';
