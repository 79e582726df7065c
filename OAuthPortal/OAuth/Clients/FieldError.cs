namespace OAuthPortal.OAuth.Clients;

/// <summary>A rule broken by one input field of a management operation (not a protocol error).</summary>
public sealed record FieldError(string Field, string Message);
