using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> failure)
    {
        failure.HasKey(f => f.Key);
        failure.Property(f => f.Key).HasMaxLength(SqlLengths.Sha256).IsFixedLength();
        failure.HasIndex(f => f.LastFailureAt); // pruning
    }
}
