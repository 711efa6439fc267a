namespace Fennec.Storage.Schema;

/// <summary>One step of the schema: the SQL that takes a store from version <see cref="Version"/> - 1 to <see cref="Version"/>.</summary>
/// <param name="Version">The version the step leads to (1 for the first).</param>
/// <param name="Description">What the step does, for error messages.</param>
/// <param name="Sql">The statements, run in one transaction.</param>
internal sealed record Migration(int Version, string Description, string Sql);
