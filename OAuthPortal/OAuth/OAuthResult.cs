namespace OAuthPortal.OAuth;

/// <summary>The outcome of a protocol operation: a value, or the <see cref="OAuthError"/> to send back.</summary>
public readonly struct OAuthResult<T>
{
    private OAuthResult(T? value, OAuthError? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public OAuthError? Error { get; }
    public bool Succeeded => Error is null;

    public static OAuthResult<T> Success(T value) => new(value, null);

    public static implicit operator OAuthResult<T>(OAuthError error) => new(default, error);
}
