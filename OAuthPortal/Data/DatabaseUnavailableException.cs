namespace OAuthPortal.Data;

/// <summary>The database did not take a write in time (see <see cref="DatabaseUnavailable"/>): the request gets a 503.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
