namespace Fennec.Storage;

/// <summary>The store could not be opened, migrated or written; the message names the file and the cause.</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public StoreException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception without a message (for serializers).</summary>
    public StoreException()
    {
    }
}
