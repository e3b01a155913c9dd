export { TicketboothStack, type TicketboothStackProps } from './ticketbooth-stack.js';
export { acknowledgeNagFindings } from './nag-acknowledgements.js';
