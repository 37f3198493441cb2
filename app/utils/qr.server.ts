/** QR codes as SVG data URIs (the `qrcode` library), for the console and the projector. */
import QRCode from "qrcode";

/** Error-correction level M (15 %): survives a projector's glare and a phone camera at distance. */
export async function qrDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
