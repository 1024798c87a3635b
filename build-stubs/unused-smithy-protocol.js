// Stand-in for @smithy/core/cbor and @smithy/core/event-streams inside the bundles (see README.md here).
// STS and IAM speak the AWS query protocol, but the SDK's shared protocol module loads the CBOR
// protocol at start-up (and event streams on demand). These throw if anything uses them.
const unused = () => {
  throw new Error('assume-deploy-role does not bundle CBOR or event-stream support');
};
export class SmithyRpcV2CborProtocol {
  constructor() {
    unused();
  }
}
export const loadSmithyRpcV2CborErrorCode = unused;
export const EventStreamSerde = SmithyRpcV2CborProtocol;
export const eventStreamSerdeProvider = unused;
