// One client's connection to a collaborative editor: a live socket, not data.
export class EditorLink {
  private readonly socket: WebSocket;

  constructor(url: string) {
    this.socket = new WebSocket(url);
  }

  type(text: string): void {
    this.socket.send(JSON.stringify({ op: 'insert', text }));
  }
}
