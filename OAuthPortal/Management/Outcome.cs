using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Management;

/// <summary>The result of a management operation: a value, or the field errors that prevented it. Nothing is saved on failure.</summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, IReadOnlyList<FieldError> errors) => (Value, Errors) = (value, errors);

    public T? Value { get; }
    public IReadOnlyList<FieldError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static Outcome<T> Success(T value) => new(value, []);

    public static Outcome<T> Failure(IReadOnlyList<FieldError> errors) =>
        errors.Count > 0 ? new(default, errors) : throw new ArgumentException("A failure needs at least one error.", nameof(errors));

    public static Outcome<T> Failure(string field, string message) => Failure([new FieldError(field, message)]);
}
