export { TicketboothStack, type TicketboothStackProps } from './ticketbooth-stack.js';
