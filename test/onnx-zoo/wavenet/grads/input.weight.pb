Binput.weightJ OB/»…;¨"¤:Z±A;'
Ð»ð+ï9öÆ!º¾Mˆ»