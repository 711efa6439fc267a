namespace Fennec.Detection.KitNet;

/// <summary>What KitNET does with the next vector it processes.</summary>
public enum KitNetPhase
{
    /// <summary>The vector feeds the feature mapper (the first FM grace + 1 vectors, unless a map was given).</summary>
    MappingFeatures,

    /// <summary>The vector trains the autoencoders (the AD grace vectors after mapping); its score is 0.</summary>
    Training,

    /// <summary>The vector is scored.</summary>
    Executing,
}
