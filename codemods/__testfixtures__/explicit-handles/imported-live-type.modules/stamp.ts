export interface Stamp {
  label: string;
  at: Date;
}
