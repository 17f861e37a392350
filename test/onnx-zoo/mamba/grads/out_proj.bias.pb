Bout_proj.biasJ 
Yo½Pv;¬=R§½	XÚ<¬Ìàº(2<,½=