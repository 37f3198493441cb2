import { io } from "socket.io-client";
const [url, sessionId, cookie] = process.argv.slice(2);
const s = io(url, { transports: ["websocket"], auth: { sessionId }, extraHeaders: { cookie }, reconnection: false, forceNew: true });
s.on("connect", () => console.log("connect"));
s.on("connect_error", (e) => console.log("connect_error", e.message));
setTimeout(() => process.exit(0), 5000);
