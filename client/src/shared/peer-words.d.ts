// Types of peer-words.js for the server's TypeScript (the module itself is plain JavaScript, so
// that the browser loads the same file).
interface PeerFigure {
  buyer: { rank: number | null; rank_among: number | null } | null;
  peers: { count: number };
  min_n: number;
}
export function aloneAmongPeers(r: {
  buyer: { rank: number | null } | null;
  peers: { count: number };
}): boolean;
export const NO_OTHER_PEER: string;
export const PEERS_COUNTED: string;
export const ALONE_RANK: string;
export function peersCountText(r: PeerFigure): string;
export function rankText(r: PeerFigure): string | null;
export const NOT_APPLICABLE_FIGURE: string;
export function notApplicableText(r: { not_applicable: string | null }): string | null;
