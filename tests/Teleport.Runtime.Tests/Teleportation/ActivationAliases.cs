// Closed operator types and test models in double precision, by name.
global using Identity = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.IdentityF<double>>;
global using IdentityDerivative = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.OneF<double>>;
global using LeakyRelu = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.LeakyReluF<double>>;
global using LeakyReluDerivative = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.LeakyReluDerivativeF<double>>;
global using LeakyReluInverse = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.LeakyReluInverseF<double>>;
global using Tanh = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.TanhF<double>>;
global using TanhDerivative = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.TanhDerivativeF<double>>;
global using Atanh = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.AtanhF<double>>;
global using Softplus = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.SoftplusF<double>>;
global using SoftplusDerivative = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.SigmoidF<double>>;
global using SoftplusInverse = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.SoftplusInverseF<double>>;
global using Zero = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.ZeroF<double>>;
global using TanhSecond = Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.TanhSecondF<double>>;
global using LinearMlp = Teleport.Runtime.Tests.Teleportation.TinyMlp<double, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.IdentityF<double>>, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.OneF<double>>, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.ZeroF<double>>, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.IdentityF<double>>>;
global using LeakyMlp = Teleport.Runtime.Tests.Teleportation.TinyMlp<double, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.LeakyReluF<double>>, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.LeakyReluDerivativeF<double>>, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.ZeroF<double>>, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.LeakyReluInverseF<double>>>;
global using TanhMlp = Teleport.Runtime.Tests.Teleportation.TinyMlp<double, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.TanhF<double>>, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.TanhDerivativeF<double>>, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.TanhSecondF<double>>, Teleport.Runtime.Tests.Teleportation.Op<double, Teleport.Runtime.Tests.Teleportation.AtanhF<double>>>;
