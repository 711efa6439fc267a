namespace Fennec.Storage;

/// <summary>Receives one stored flow row at a time (the row is only valid during the call; copy what is kept).</summary>
public delegate void FlowRowVisitor(in StoredFlow flow);
