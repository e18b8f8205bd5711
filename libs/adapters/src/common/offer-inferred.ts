/**
 * Set on a `call.offered` worked out from a connect or an exit whose join was not seen (a
 * rotated queue_log, an AMI stream whose event filter or connection missed the join): its id is
 * the real offer's, so the real one, seen later or before, adds nothing twice.
 */
export const OFFER_INFERRED_ATTR = 'offerInferred';
